// Modelled on the Tokio tutorial's "Streams": `tokio_stream::iter` with `while let`, then `StreamExt` adapters.
use tokio_stream::StreamExt;

#[tokio::main]
async fn main() {
    let mut stream = tokio_stream::iter(&[1, 2, 3]);

    while let Some(v) = stream.next().await {
        println!("GOT = {:?}", v);
    }

    // Adapted: the tutorial's subscriber messages are a fixed list of strings.
    let messages = tokio_stream::iter(vec!["a", "too long", "b", "c", "d"]);
    let mut messages = messages
        .filter(|msg| msg.len() == 1)
        .map(|msg| msg.to_uppercase())
        .take(3);

    while let Some(msg) = messages.next().await {
        println!("got = {:?}", msg);
    }
}
