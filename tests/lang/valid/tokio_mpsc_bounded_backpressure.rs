// tokio's bounded mpsc channel: a buffer of 2. The producer's third `send` waits (Pending) until
// the consumer takes a message and wakes it; `recv` gives `None` once every sender (the clone
// too) is dropped and the buffer is empty.
use tokio::sync::mpsc;

async fn main() {
    let (tx, mut rx) = mpsc::channel(2);
    let tx2 = tx.clone();
    tokio::spawn(async move {
        for i in 0..4 {
            tx.send(i).await.unwrap();
            println!("sent {}", i);
        }
    });
    tokio::spawn(async move {
        tx2.send(100).await.unwrap();
        println!("sent 100");
    });
    sleep(Duration::from_millis(10)).await;
    while let Some(v) = rx.recv().await {
        println!("received {}", v);
    }
    println!("every sender is gone");
}
