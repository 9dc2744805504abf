// A worker thread sends on a `sync_channel(0)`: each `send` waits for the `recv`. The loop ends
// when the worker is done and its sender is gone with it.
use std::sync::mpsc::sync_channel;
use std::thread;
use std::time::Duration;

fn main() {
    let (tx, rx) = sync_channel(0);
    let worker = thread::spawn(move || {
        for i in 0..3 {
            thread::sleep(Duration::from_millis(5));
            tx.send(i).unwrap();
        }
    });
    while let Ok(v) = rx.recv() {
        println!("got {}", v);
    }
    worker.join().unwrap();
    println!("worker done");
}
