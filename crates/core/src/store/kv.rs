//! The one small interface storage sits behind ([`KeyValue`]): localStorage and IndexedDB
//! implement it in the page, [`MemoryKv`] in tests.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use super::StoreError;

/// A string key–value store. `set` must either replace the whole value or fail and leave
/// the old value as it was (localStorage's setItem does), so a failed save never leaves
/// half a copy behind.
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// Every key in the store (used to rebuild a lost or damaged index).
    fn keys(&self) -> Result<Vec<String>, StoreError>;
    /// The length of a value, in bytes of UTF-8 (a store that holds its values can say so
    /// without a copy of the value).
    fn len(&self, key: &str) -> Result<Option<usize>, StoreError> {
        Ok(self.get(key)?.map(|v| v.len()))
    }
    /// The end of one save. A store that writes asynchronously (IndexedDB) writes everything
    /// set or removed since the last commit in one transaction, all or nothing; a failure it
    /// can see at once is returned, a later one is reported by the store to the page.
    /// localStorage has written each value already.
    fn commit(&self) -> Result<(), StoreError> {
        Ok(())
    }
    /// True while some write is not yet known to be on disk (in flight, or failed and kept to
    /// be written again with the next commit).
    fn pending(&self) -> bool {
        false
    }
}

impl<T: KeyValue + ?Sized> KeyValue for Rc<T> {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        (**self).remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        (**self).keys()
    }
    fn len(&self, key: &str) -> Result<Option<usize>, StoreError> {
        (**self).len(key)
    }
    fn commit(&self) -> Result<(), StoreError> {
        (**self).commit()
    }
    fn pending(&self) -> bool {
        (**self).pending()
    }
}

/// An in-memory store with an optional quota in bytes (UTF-16 like localStorage), for tests.
#[derive(Default)]
pub struct MemoryKv {
    pub values: RefCell<BTreeMap<String, String>>,
    pub quota: Option<usize>,
}

impl MemoryKv {
    pub fn with_quota(quota: usize) -> MemoryKv {
        MemoryKv {
            values: RefCell::default(),
            quota: Some(quota),
        }
    }
    fn used_without(&self, key: &str) -> usize {
        self.values
            .borrow()
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| 2 * (k.len() + v.len()))
            .sum()
    }
}

impl KeyValue for MemoryKv {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.values.borrow().get(key).cloned())
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        if let Some(quota) = self.quota {
            if self.used_without(key) + 2 * (key.len() + value.len()) > quota {
                return Err(StoreError::QuotaExceeded);
            }
        }
        self.values
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.values.borrow_mut().remove(key);
        Ok(())
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(self.values.borrow().keys().cloned().collect())
    }
    fn len(&self, key: &str) -> Result<Option<usize>, StoreError> {
        Ok(self.values.borrow().get(key).map(String::len))
    }
}
