// tokio's unbounded mpsc channel: `send` is a plain call that never waits. Once the receiver is
// dropped, `send` gives the message back inside a `SendError`.
use tokio::sync::mpsc;

async fn main() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let worker = tokio::spawn(async move {
        let mut total = 0;
        while let Some(n) = rx.recv().await {
            total += n;
        }
        total
    });
    for n in [1, 2, 3] {
        tx.send(n).unwrap();
    }
    drop(tx);
    println!("total {}", worker.await.unwrap());

    let (tx, rx) = mpsc::unbounded_channel::<i32>();
    drop(rx);
    match tx.send(5) {
        Ok(()) => println!("sent"),
        Err(e) => println!("refused: {:?}", e),
    }
}
