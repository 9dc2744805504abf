// `string_len` promises a future of `usize`; `StringLen<F>`'s output is `String` here: rustc's
// E0271 at the function's return type.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Passthrough<F> {
    inner_future: F,
}

impl<F> Future for Passthrough<F>
where
    F: Future<Output = String>,
{
    type Output = String;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<String> {
        let inner = unsafe { self.map_unchecked_mut(|s| &mut s.inner_future) };
        inner.poll(cx)
    }
}

fn string_len(string: impl Future<Output = String>) -> impl Future<Output = usize> {
    Passthrough { inner_future: string }
}

async fn main() {
    let n = string_len(async_read_file("a.txt")).await;
    println!("{}", n);
}
