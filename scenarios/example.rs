// The running example of the blog post: one or two file reads, depending on what the first
// read returns. Each `.await` below becomes a waiting state of the generated state machine.

async fn example(min_len: usize) -> String {
    let content = async_read_file("foo.txt").await;
    if content.len() < min_len {
        content + &async_read_file("bar.txt").await
    } else {
        content
    }
}

async fn main() {
    let text = example(100).await;
    println!("{}", text);
}
