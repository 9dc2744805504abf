// futures::future::join_all: every future of the vector is polled together; the outputs come
// back in the vector's order, not in the order they finished.
use futures::future::join_all;

async fn wait_then(ms: u64, v: u64) -> u64 {
    sleep(Duration::from_millis(ms)).await;
    println!("done {}", v);
    v
}

async fn main() {
    let mut futs = Vec::new();
    futs.push(wait_then(30, 1));
    futs.push(wait_then(10, 2));
    futs.push(wait_then(20, 3));
    let outs = join_all(futs).await;
    println!("{:?}", outs);
    let names = vec!["foo.txt", "foo.txt"];
    let mut reads = Vec::new();
    for name in names {
        reads.push(async_read_file(name));
    }
    let texts: Vec<String> = join_all(reads).await;
    println!("{} texts", texts.len());
}
