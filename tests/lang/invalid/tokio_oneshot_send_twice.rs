// A oneshot sender sends once: `send` takes the sender by value, so a second send uses a moved value.
use tokio::sync::oneshot;

async fn main() {
    let (tx, rx) = oneshot::channel();
    let _ = tx.send(1);
    let _ = tx.send(2);
    println!("{:?}", rx.await);
}
