// tokio's `mpsc::channel` takes the buffer's capacity (std's takes none).
use tokio::sync::mpsc;

async fn main() {
    let (tx, mut rx) = mpsc::channel();
    tx.send(1).await.unwrap();
    println!("{:?}", rx.recv().await);
}
