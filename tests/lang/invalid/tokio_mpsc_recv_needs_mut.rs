// `recv` takes `&mut self`: a receiver bound without `mut` cannot receive.
use tokio::sync::mpsc;

async fn main() {
    let (tx, rx) = mpsc::channel(4);
    tx.send(1).await.unwrap();
    println!("{:?}", rx.recv().await);
}
