// A combinator instead of a hand-written wrapper struct: `map` turns the future of the file's
// text into a future of its length. The outer task's waker goes straight through to the read.

fn string_len(string: impl Future<Output = String>) -> impl Future<Output = usize> {
    string.map(|s| s.len())
}

fn file_len() -> impl Future<Output = usize> {
    let file_content_future = async_read_file("foo.txt");
    string_len(file_content_future)
}

async fn main() {
    let len = file_len().await; // @state WaitingOnFileLen
    println!("foo.txt is {} bytes long", len);
}
