// The same two steps, overlapped: `join` polls the read first, which starts it, then polls `foo`,
// which computes while the disk loads the file. Futures are lazy: without `join` the read would
// not start until it is awaited.

async fn foo() -> u32 {
    work(Duration::from_millis(50)); // 50 ms of computing
    42
}

async fn main() {
    let (content, n) = join(async_read_file("foo.txt"), foo()).await; // @state WaitingOnBoth
    println!("{} and {}", content, n);
}
