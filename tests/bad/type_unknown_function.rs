async fn main() {
    let text = async_read("foo.txt").await;
    println!("{}", text);
}
