use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

async fn load() -> u32 {
    7
}

struct Outer {
    polls: u32,
}

impl Future for Outer {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        let mut inner = load();
        let pinned = Pin::new(&mut inner);
        self.polls += 1;
        pinned.poll(cx)
    }
}

async fn main() {
    let v = Outer { polls: 0 }.await;
    println!("{v}");
}
