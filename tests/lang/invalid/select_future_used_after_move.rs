// A future given to select! is moved into it: it cannot be awaited again afterwards.
async fn main() {
    let read = async_read_file("foo.txt");
    let timer = sleep(Duration::from_millis(5));
    tokio::select! {
        text = read => println!("{}", text),
        _ = timer => println!("timed out"),
    }
    let again = read.await;
}
