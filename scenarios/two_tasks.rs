// Two independent tasks on one executor: the blog's `example` and a file write. Neither waits
// for the other; whichever device finishes first gets its task polled first.

async fn example(min_len: usize) -> String {
    let content = async_read_file("foo.txt").await; // @state WaitingOnFooTxt
    if content.len() < min_len {
        content + &async_read_file("bar.txt").await // @state WaitingOnBarTxt
    } else {
        content
    }
}

async fn show_example() {
    let text = example(100).await;
    println!("{}", text);
}

async fn write_file() {
    async_write_file("log.txt", "Hello").await; // @state WaitingOnWrite
    println!("log.txt written");
}
