//! Operations on 问题类别 (categories): add, rename, move, delete.

use automerge::transaction::Transactable;
use automerge::ROOT;
use autosurgeon::reconcile_prop;

use super::change_note::ChangeNote;
use super::schema::DocCategory;
use super::Damage;
use super::{check_field, moved_order, new_id, order_after, DocError, LedgerDoc};

impl LedgerDoc {
    /// Add a category at the end; returns its id.
    pub fn add_category(&mut self, title: &str) -> Result<String, DocError> {
        self.writable_small()?;
        check_field(title)?;
        let ledger = self.read()?;
        let order = order_after(ledger.categories.last().map(|c| c.order.as_str()));
        let id = new_id();
        let categories = self.map_at(ROOT, "categories")?;
        let category = DocCategory {
            title: title.trim().to_string(),
            order,
            deleted: false,
        };
        reconcile_prop(&mut self.doc, categories, id.as_str(), &category)
            .map_err(|e| DocError::Unreadable(Damage::Internal(e.to_string())))?;
        self.note_small(ChangeNote::AddCategory(title.trim().to_string()));
        Ok(id)
    }

    pub fn rename_category(&mut self, id: &str, title: &str) -> Result<(), DocError> {
        self.writable_small()?;
        let obj = self.category_obj(id)?;
        if self.put_str(&obj, "title", title.trim())? {
            self.note_small(ChangeNote::RenameCategory(title.trim().to_string()));
        }
        Ok(())
    }

    /// Move a category one place up (`delta` = -1) or down (+1).
    pub fn move_category(&mut self, id: &str, delta: i32) -> Result<(), DocError> {
        self.writable_small()?;
        let ledger = self.read()?;
        let keys: Vec<(String, String)> = ledger
            .categories
            .iter()
            .map(|c| (c.id.clone(), c.order.clone()))
            .collect();
        if let Some(order) = moved_order(&keys, id, delta) {
            let obj = self.category_obj(id)?;
            self.doc.put(&obj, "order", order)?;
            self.note_small(ChangeNote::ReorderCategories);
        }
        Ok(())
    }

    /// Delete a category and the problems in it (the UI asks for confirmation first). Both
    /// are only flagged deleted and can be restored from 回收站.
    pub fn delete_category(&mut self, id: &str) -> Result<(), DocError> {
        self.writable()?;
        let ledger = self.read()?;
        let title = ledger
            .category(id)
            .map(|c| c.title.clone())
            .unwrap_or_default();
        let problem_ids: Vec<String> = ledger.problems_in(id).map(|p| p.id.clone()).collect();
        for pid in problem_ids {
            let obj = self.problem_obj(&pid)?;
            self.doc.put(&obj, "deleted", true)?;
        }
        let obj = self.category_obj(id)?;
        self.doc.put(&obj, "deleted", true)?;
        self.note(ChangeNote::DeleteCategory(title));
        Ok(())
    }
}
