async fn main() {
    let text = await async_read_file("foo.txt");
    println!("{}", text);
}
