// Awaiting a JoinHandle gives `Result<T, JoinError>`, not the task's value: it needs `.unwrap()`
// (or `?`) before it is an `i32`.
async fn main() {
    let handle = tokio::spawn(async { 1 + 2 });
    let n: i32 = handle.await;
    println!("{}", n);
}
