// The Tokio tutorial's channel manager with a struct for the command: one task owns the map and
// answers each command through the command's oneshot sender. Each client awaits its reply; the
// manager's `recv` gives `None` once both clients' senders are gone, and the manager ends.
use std::collections::HashMap;
use tokio::sync::{mpsc, oneshot};

#[derive(Debug)]
struct Command {
    key: String,
    val: Option<String>,
    resp: oneshot::Sender<Option<String>>,
}

async fn main() {
    let (tx, mut rx) = mpsc::channel(32);
    let tx2 = tx.clone();

    let manager = tokio::spawn(async move {
        let mut store: HashMap<String, String> = HashMap::new();
        while let Some(cmd) = rx.recv().await {
            let Command { key, val, resp } = cmd;
            let res = match val {
                Some(v) => store.insert(key, v),
                None => match store.get(&key) {
                    Some(v) => Some(v.clone()),
                    None => None,
                },
            };
            let _ = resp.send(res);
        }
        println!("manager: every client is gone");
    });

    let t1 = tokio::spawn(async move {
        let (resp_tx, resp_rx) = oneshot::channel();
        let cmd = Command { key: String::from("foo"), val: None, resp: resp_tx };
        tx.send(cmd).await.unwrap();
        let res = resp_rx.await;
        println!("GET foo = {:?}", res);
    });

    let t2 = tokio::spawn(async move {
        let (resp_tx, resp_rx) = oneshot::channel();
        let cmd = Command { key: String::from("foo"), val: Some(String::from("bar")), resp: resp_tx };
        tx2.send(cmd).await.unwrap();
        let res = resp_rx.await;
        println!("SET foo = {:?}", res);
    });

    t1.await.unwrap();
    t2.await.unwrap();
    manager.await.unwrap();
}
