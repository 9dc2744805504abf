// The smallest useful future: a single write, so a single waiting state.

async fn write_file() {
    async_write_file("foo.txt", "Hello").await; // @state WaitingOnWrite
}

async fn main() {
    write_file().await;
    println!("foo.txt written");
}
