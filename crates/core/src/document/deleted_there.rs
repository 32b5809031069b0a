//! A merge's quiet loss, said out loud: problems this copy edited that the other copy
//! deleted meanwhile. The edits are kept (a deleted problem is only flagged, and sits in
//! 回收站), but nobody would look there unless the merge notice says so.

use automerge::{ChangeHash, ObjType, PatchAction, Prop, ReadDoc, ScalarValue, Value, ROOT};

use super::LedgerDoc;

impl LedgerDoc {
    /// The ids of the problems that are deleted after a merge but were not in this copy
    /// before it (at `our_heads`), and that this copy edited since the copies last met (its
    /// changes beyond `their_heads`). Cheap when the merge deleted nothing.
    pub(super) fn edited_here_deleted_there(
        &mut self,
        our_heads: &[ChangeHash],
        their_heads: &[ChangeHash],
    ) -> Vec<String> {
        let Ok(Some((Value::Object(ObjType::Map), problems))) = self.doc.get(ROOT, "problems")
        else {
            return vec![];
        };
        let is_true = |v: Option<(Value, automerge::ObjId)>| matches!(v, Some((Value::Scalar(s), _)) if matches!(s.as_ref(), ScalarValue::Boolean(true)));
        let newly_deleted: Vec<String> = self
            .doc
            .map_range(&problems, ..)
            .map(|item| (item.key.to_string(), item.id()))
            .filter(|(_, obj)| is_true(self.doc.get(obj, "deleted").ok().flatten()))
            .filter(|(_, obj)| !is_true(self.doc.get_at(obj, "deleted", our_heads).ok().flatten()))
            .map(|(id, _)| id)
            .collect();
        if newly_deleted.is_empty() {
            return vec![];
        }
        // what this copy's own changes (those the other copy lacked) wrote, by problem
        // (the document's: AutoCommit's `get_heads` would close an open transaction)
        let heads = self.doc.document().get_heads();
        let mut edited: Vec<String> = vec![];
        for patch in self.doc.diff(their_heads, &heads) {
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
