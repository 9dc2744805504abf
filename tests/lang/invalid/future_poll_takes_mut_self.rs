use std::future::Future;
use std::task::{Context, Poll};

struct Once {
    done: bool,
}

impl Future for Once {
    type Output = u32;
    fn poll(&mut self, cx: &mut Context<'_>) -> Poll<u32> {
        Poll::Ready(7)
    }
}

async fn main() {
    let v = Once { done: false }.await;
    println!("{v}");
}
