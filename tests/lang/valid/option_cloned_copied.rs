// `Option<&T>::cloned` and `copied` turn a borrowed value into an owned one, as a map lookup's
// result is kept after the map changes (the Tokio tutorial's manager does `db.get(&key).cloned()`).
use std::collections::HashMap;

async fn lookup(db: &HashMap<String, String>, key: &str) -> Option<String> {
    db.get(&key.to_string()).cloned()
}

async fn main() {
    let mut db = HashMap::new();
    db.insert("foo".to_string(), "bar".to_string());
    let found = lookup(&db, "foo").await;
    db.insert("foo".to_string(), "baz".to_string());
    println!("{:?} then {:?}", found, lookup(&db, "foo").await);
    println!("{:?}", lookup(&db, "nope").await);

    let scores = vec![3, 5, 8];
    let first: Option<i32> = scores.iter().next().copied();
    let mut n = 4;
    let bumped: Option<i32> = Some(&mut n).cloned();
    println!("{:?} {:?}", first, bumped);
}
