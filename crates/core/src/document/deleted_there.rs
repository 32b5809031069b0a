//! A merge's quiet loss, said out loud: problems this copy edited that the other copy
//! deleted meanwhile. The edits are kept (a deleted problem is only flagged, and sits in
//! 回收站), but nobody would look there unless the merge notice says so.

use automerge::{ChangeHash, PatchAction, Prop, ScalarValue, Value};

use super::LedgerDoc;

impl LedgerDoc {
    /// The ids of the problems the merge deleted (theirs set `deleted` on a problem this copy
    /// had not deleted; `our_heads` are this copy's before it) that this copy edited in
    /// changes the other copy had not seen when it made its own (`seen`: what it had). Only
    /// called when theirs wrote a `deleted` key at all.
    pub(super) fn edited_here_deleted_there(
        &mut self,
        our_heads: &[ChangeHash],
        seen: &[ChangeHash],
    ) -> Vec<String> {
        // (the document's heads: AutoCommit's `get_heads` would close an open transaction)
        let heads = self.doc.document().get_heads();
        // the merge undone: a problem's `deleted` put back to false (or removed) was deleted
        // by the merge
        let newly_deleted: Vec<String> = self
            .doc
            .diff(&heads, our_heads)
            .into_iter()
            .filter_map(|patch| {
                let undeleted = match &patch.action {
                    PatchAction::PutMap { key, value, .. } => {
                        key == "deleted" && !is_true(&value.0)
                    }
                    PatchAction::DeleteMap { key } => key == "deleted",
                    _ => false,
                };
                match (undeleted, patch.path.as_slice()) {
                    (true, [(_, Prop::Map(map)), (_, Prop::Map(id))]) if map == "problems" => {
                        Some(id.clone())
                    }
                    _ => None,
                }
            })
            .collect();
        if newly_deleted.is_empty() {
            return vec![];
        }
        // what this copy's changes that the other had not seen wrote, by problem
        let mut edited: Vec<String> = vec![];
        for patch in self.doc.diff(seen, our_heads) {
            let mut keys = patch.path.iter().map(|(_, prop)| prop);
            let (Some(Prop::Map(map)), Some(Prop::Map(id))) = (keys.next(), keys.next()) else {
                continue;
            };
            let only_deleting = patch.path.len() == 2
                && matches!(&patch.action, PatchAction::PutMap { key, .. } if key == "deleted");
            if map == "problems"
                && !only_deleting
                && newly_deleted.contains(id)
                && !edited.contains(id)
            {
                edited.push(id.clone());
            }
        }
        edited
    }
}

fn is_true(value: &Value) -> bool {
    matches!(value, Value::Scalar(s) if matches!(s.as_ref(), ScalarValue::Boolean(true)))
}
