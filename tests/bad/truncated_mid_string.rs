async fn main() {
    println!("{}", async_read_file("foo.t