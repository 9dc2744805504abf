// Modelled on the Tokio tutorial's "Shared state": `Arc<Mutex<HashMap>>` cloned into a task per connection.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

type Db = Arc<Mutex<HashMap<String, String>>>;

// Adapted: a connection's frames are (key, Some(value)) for SET and (key, None) for GET;
// values are `String`s rather than `bytes::Bytes`.
async fn process(frames: Vec<(String, Option<String>)>, db: Db) {
    for (key, value) in frames {
        let response = match value {
            Some(value) => {
                let mut db = db.lock().unwrap();
                db.insert(key, value);
                String::from("OK")
            }
            None => {
                let db = db.lock().unwrap();
                if let Some(value) = db.get(&key) {
                    value.clone()
                } else {
                    String::from("(nil)")
                }
            }
        };
        println!("{}", response);
        tokio::task::yield_now().await;
    }
}

#[tokio::main]
async fn main() {
    let db = Arc::new(Mutex::new(HashMap::new()));
    // Adapted: two connections instead of a listener's accept loop.
    let connections = vec![
        vec![(String::from("hello"), Some(String::from("world"))), (String::from("hello"), None)],
        vec![(String::from("hello"), None), (String::from("foo"), None)],
    ];
    let mut handles = Vec::new();
    for frames in connections {
        let db = db.clone();
        handles.push(tokio::spawn(async move {
            process(frames, db).await;
        }));
    }
    for handle in handles {
        handle.await.unwrap();
    }
}
