// Futures are lazy. Calling an async fn runs none of its body: it only builds the state machine,
// in its start state, holding the arguments. Nothing happens until something polls it; a future
// that is dropped unpolled never does any of its work.

async fn example(min_len: usize) -> String {
    let content = async_read_file("foo.txt").await; // @state WaitingOnFooTxt
    if content.len() < min_len {
        content + &async_read_file("bar.txt").await // @state WaitingOnBarTxt
    } else {
        content
    }
}

async fn main() {
    let forgotten = example(100);
    println!("made a future; foo.txt is not being read");
    drop(forgotten);
    println!("dropped it unpolled: its reads never happen");
    let awaited = example(100);
    let text = awaited.await; // @state WaitingOnExample
    println!("awaited it: {}", text);
}
