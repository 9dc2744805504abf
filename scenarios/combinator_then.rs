// `example` written without async/await: the second read is chosen inside a closure, and the
// two possible futures are made into one type with `Either`.

fn example(min_len: usize) -> impl Future<Output = String> {
    async_read_file("foo.txt").then(move |content| {
        if content.len() < min_len {
            Either::Left(async_read_file("bar.txt").map(move |s| content + &s))
        } else {
            Either::Right(future::ready(content))
        }
    })
}

async fn main() {
    let text = example(100).await; // @state WaitingOnExample
    println!("{}", text);
}
