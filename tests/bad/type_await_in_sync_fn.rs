fn load() -> String {
    async_read_file("foo.txt").await
}

async fn main() {
    println!("{}", load());
}
