//! A small per-database memory of values built from the database, each kept with the
//! fingerprint of what it was built from: a reader checks the fingerprint (a cheap read)
//! and uses the value only while it is unchanged, so a change made by this process or
//! another shows on the next read. Used by the federation dashboard (`fedstats`).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

/// Past this many entries a memory starts over.
const MAX_ENTRIES: usize = 256;

/// A kept value with the fingerprint of what it was built from.
type Entry<V> = (String, Arc<V>);

/// Values by key, each with its fingerprint; cheap to clone (shared).
pub(crate) struct Memo<K, V>(Arc<Mutex<HashMap<K, Entry<V>>>>);

impl<K, V> Clone for Memo<K, V> {
    fn clone(&self) -> Self {
        Memo(Arc::clone(&self.0))
    }
}

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo(Arc::new(Mutex::new(HashMap::new())))
    }
}

impl<K: Eq + Hash, V> Memo<K, V> {
    /// The value kept for `key` if it was built from what `fingerprint` describes.
    pub(crate) fn get(&self, key: &K, fingerprint: &str) -> Option<Arc<V>> {
        let map = self.0.lock().ok()?;
        map.get(key)
            .filter(|(f, _)| f == fingerprint)
            .map(|(_, v)| Arc::clone(v))
    }

    /// Keeps `value`, built from what `fingerprint` describes, for `key`.
    pub(crate) fn put(&self, key: K, fingerprint: String, value: Arc<V>) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
            map.insert(key, (fingerprint, value));
        }
    }
}
