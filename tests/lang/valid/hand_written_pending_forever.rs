use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Stuck {
    polls: u32,
}

impl Future for Stuck {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        self.polls += 1;
        Poll::Pending
    }
}

async fn main() {
    println!("before");
    Stuck { polls: 0 }.await;
    println!("never");
}
