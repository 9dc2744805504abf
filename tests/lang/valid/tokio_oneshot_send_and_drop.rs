// tokio's oneshot: the receiver is a future. `main` awaits the first receiver before its sender's
// task has run, so its waker waits on the channel and the send wakes it. The second sender is
// dropped unsent, so its receiver gives `Err(RecvError(()))`; the third receiver is dropped first,
// so `send` gives the value back as `Err`.
use tokio::sync::oneshot;

async fn main() {
    let (tx, rx) = oneshot::channel();
    tokio::spawn(async move {
        println!("sending 7");
        let _ = tx.send(7);
    });
    let got = rx.await;
    println!("got {:?}", got);

    let (tx2, rx2) = oneshot::channel::<u32>();
    tokio::spawn(async move {
        println!("dropping the sender");
        drop(tx2);
    });
    println!("then {:?}", rx2.await);

    let (tx3, rx3) = oneshot::channel();
    drop(rx3);
    let back: Result<(), String> = tx3.send(String::from("nobody listens"));
    println!("send gave {:?}", back);
}
