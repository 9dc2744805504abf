async fn main() {
    let text = async_read_file("foo.txt").await;
    println!("{}", text.length());
}
