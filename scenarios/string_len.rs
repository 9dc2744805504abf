// The documents' wrapper future, written by hand: `StringLen<F>` keeps the read inside it and
// has its own `poll`, which polls the read with the same Context and turns Ready(text) into
// Ready(length). The outer task's waker goes straight through to the read.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct StringLen<F> {
    inner_future: F,
}

impl<F> Future for StringLen<F>
where
    F: Future<Output = String>,
{
    type Output = usize;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        // Pin the field where it lies: it is never moved out, so this is sound.
        let inner_future = unsafe { self.map_unchecked_mut(|s| &mut s.inner_future) };
        match inner_future.poll(cx) {
            Poll::Ready(s) => Poll::Ready(s.len()),
            Poll::Pending => Poll::Pending,
        }
    }
}

fn string_len(string: impl Future<Output = String>) -> impl Future<Output = usize> {
    StringLen {
        inner_future: string,
    }
}

fn file_len() -> impl Future<Output = usize> {
    let file_content_future = async_read_file("foo.txt");
    string_len(file_content_future)
}

async fn main() {
    let len = file_len().await; // @state WaitingOnFileLen
    println!("foo.txt is {} bytes long", len);
}
