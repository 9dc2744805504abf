// The Tokio tutorial's shared state in short: a `HashMap` behind `Arc<Mutex<..>>`, one clone per
// task; `insert` gives the old value, `get` an `Option<&V>`, `entry(..).or_insert_with(..)` a `&mut V`.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

async fn set(db: Arc<Mutex<HashMap<String, u32>>>, key: &str, value: u32) {
    let mut map = db.lock().unwrap();
    let old = map.insert(key.to_string(), value);
    println!("set {} = {} (was {:?})", key, value, old);
}

async fn main() {
    let db = Arc::new(Mutex::new(HashMap::new()));
    set(db.clone(), "a", 1).await;
    set(db.clone(), "a", 2).await;
    yield_now().await;
    let mut map = db.lock().unwrap();
    *map.entry(String::from("b")).or_insert_with(|| 10) += 5;
    println!("a: {:?}, b: {:?}, c: {:?}", map.get(&String::from("a")), map.get(&String::from("b")), map.get(&String::from("c")));
    println!("{} entries, has a: {}", map.len(), map.contains_key(&String::from("a")));
    println!("removed {:?}, empty: {}", map.remove(&String::from("a")), map.is_empty());
}
