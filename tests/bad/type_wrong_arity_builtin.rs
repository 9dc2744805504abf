async fn main() {
    let text = async_read_file("foo.txt", "bar.txt").await;
    println!("{}", text);
}
