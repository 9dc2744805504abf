use std::future::Future;
use std::pin::Pin;
use std::task::Poll;

struct Once {
    done: bool,
}

impl Future for Once {
    type Output = u32;
    fn poll(self: Pin<&mut Self>) -> Poll<u32> {
        Poll::Ready(1)
    }
}

async fn main() {
    let v = Once { done: false }.await;
    println!("{v}");
}
