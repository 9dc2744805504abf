async fn count() -> u32 {
    async_read_file("foo.txt").await
}

async fn main() {
    println!("{}", count().await);
}
