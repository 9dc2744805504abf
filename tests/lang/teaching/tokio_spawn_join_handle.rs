// Modelled on the Tokio tutorial's "Spawning": `tokio::spawn` returns a `JoinHandle`, awaited for the task's value.
use tokio::task;

#[tokio::main]
async fn main() {
    let handle = tokio::spawn(async {
        // Do some async work
        "return value"
    });

    // Do some other work

    let out = handle.await.unwrap();
    println!("GOT {}", out);

    let v = vec![1, 2, 3];
    let handle = task::spawn(async move {
        println!("Here's a vec: {:?}", v);
    });
    handle.await.unwrap();
}
