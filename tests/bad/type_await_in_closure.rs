async fn main() {
    let read = |name: &str| async_read_file(name).await;
    println!("{}", read("foo.txt"));
}
