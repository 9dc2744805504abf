// The documents' string-length future: a generic struct that implements `Future` for any inner
// future of a String (a `where` clause), projects its pin onto the field with the unsafe
// `map_unchecked_mut`, and is returned as `impl Future` from a plain function.
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
        let inner = unsafe { self.map_unchecked_mut(|s| &mut s.inner_future) };
        match inner.poll(cx) {
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

async fn greeting() -> String {
    yield_now().await;
    String::from("hello, world")
}

async fn main() {
    let n = file_len().await;
    println!("foo.txt: {}", n);
    let m = StringLen { inner_future: greeting() }.await;
    println!("greeting: {}", m);
    let (a, b) = join(string_len(async_read_file("bar.txt")), string_len(ready(String::from("xyz")))).await;
    println!("{} {}", a, b);
}
