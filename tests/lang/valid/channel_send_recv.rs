// `sync_channel` and `channel`: messages come out in order; `recv` fails once every sender is
// gone and the channel is empty.
use std::sync::mpsc::{channel, sync_channel, Receiver, SyncSender};

fn main() {
    let (spawner, ready): (SyncSender<u32>, Receiver<u32>) = sync_channel(4);
    let second = spawner.clone();
    spawner.send(1).unwrap();
    second.send(2).unwrap();
    println!("{:?}", ready.try_recv());
    drop(spawner);
    drop(second);
    while let Ok(task) = ready.recv() {
        println!("task {}", task);
    }
    println!("{:?}", ready.recv());
    let (tx, rx) = channel();
    tx.send(String::from("hello")).unwrap();
    println!("{:?} {:?}", rx.recv(), rx.try_recv());
}
