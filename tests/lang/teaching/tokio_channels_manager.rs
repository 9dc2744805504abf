// Modelled on the Tokio tutorial's "Channels": a manager task owning the client, `mpsc` commands with `oneshot` responses.
use std::collections::HashMap;
use tokio::sync::{mpsc, oneshot};

type Responder<T> = oneshot::Sender<Option<T>>;

#[derive(Debug)]
enum Command {
    Get {
        key: String,
        resp: Responder<String>,
    },
    Set {
        key: String,
        val: String,
        resp: Responder<String>,
    },
}

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::channel(32);
    let tx2 = tx.clone();

    // Adapted: the manager's "client" is a HashMap instead of a connection to a Redis server.
    let manager = tokio::spawn(async move {
        let mut client: HashMap<String, String> = HashMap::new();
        while let Some(cmd) = rx.recv().await {
            match cmd {
                Command::Get { key, resp } => {
                    let res = client.get(&key).cloned();
                    let _ = resp.send(res);
                }
                Command::Set { key, val, resp } => {
                    let res = client.insert(key, val);
                    let _ = resp.send(res);
                }
            }
        }
    });

    let t1 = tokio::spawn(async move {
        let (resp_tx, resp_rx) = oneshot::channel();
        let cmd = Command::Get {
            key: "foo".to_string(),
            resp: resp_tx,
        };
        tx.send(cmd).await.unwrap();
        let res = resp_rx.await;
        println!("GOT = {:?}", res);
    });

    let t2 = tokio::spawn(async move {
        let (resp_tx, resp_rx) = oneshot::channel();
        let cmd = Command::Set {
            key: "foo".to_string(),
            val: "bar".to_string(),
            resp: resp_tx,
        };
        tx2.send(cmd).await.unwrap();
        let res = resp_rx.await;
        println!("GOT = {:?}", res);
    });

    t1.await.unwrap();
    t2.await.unwrap();
    manager.await.unwrap();
}
