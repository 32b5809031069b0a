//! Rectify's change 5: `parent_object` gives the object an object was made in, as the first
//! step of `parents` does, from the object index.

use automerge::transaction::Transactable;
use automerge::{AutoCommit, Automerge, ObjType, ReadDoc, ROOT};

#[test]
fn every_objects_parent_is_the_first_step_of_its_parents() {
    let mut doc = AutoCommit::new();
    let map = doc.put_object(ROOT, "map", ObjType::Map).unwrap();
    let list = doc.put_object(&map, "list", ObjType::List).unwrap();
    let text = doc.insert_object(&list, 0, ObjType::Text).unwrap();
    let inner = doc.insert_object(&list, 1, ObjType::Map).unwrap();
    let deleted = doc.put_object(&inner, "gone", ObjType::List).unwrap();
    doc.delete(&inner, "gone").unwrap();
    doc.put(&inner, "scalar", 1).unwrap();
    doc.commit();
    let loaded = Automerge::load(&doc.save()).unwrap();
    for (obj, parent) in [
        (&map, &ROOT),
        (&list, &map),
        (&text, &list),
        (&inner, &list),
        (&deleted, &inner),
    ] {
        assert_eq!(doc.parent_object(obj).as_ref(), Some(parent));
        assert_eq!(loaded.parent_object(obj).as_ref(), Some(parent));
        let first = doc.parents(obj).unwrap().next().unwrap();
        assert_eq!(&first.obj, parent);
    }
    assert_eq!(doc.parent_object(&ROOT), None, "the root");
    let scalar = doc.get(&inner, "scalar").unwrap().unwrap().1;
    assert_eq!(doc.parent_object(&scalar), None, "a scalar's id");
}
