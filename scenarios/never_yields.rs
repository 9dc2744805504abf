// A task that computes forever without ever awaiting, and a second task that only wants to
// print one line.

async fn spinner() {
    println!("spinner starts");
    let mut rounds: u64 = 0;
    loop {
        work(Duration::from_millis(1));
        rounds += 1;
    }
}

async fn printer() {
    println!("printer ran");
}
