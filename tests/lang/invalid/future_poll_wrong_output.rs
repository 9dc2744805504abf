use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Once {
    done: bool,
}

impl Future for Once {
    type Output = u32;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<String> {
        Poll::Pending
    }
}

async fn main() {
    let v = Once { done: false }.await;
    println!("{v}");
}
