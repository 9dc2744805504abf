use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct StringLen {
    inner: Pin<Box<dyn Future<Output = String>>>,
}

impl Future for StringLen {
    type Output = usize;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<usize> {
        match self.inner.as_mut().poll(cx) {
            Poll::Ready(s) => Poll::Ready(s.len()),
            Poll::Pending => Poll::Pending,
        }
    }
}

struct Twice {
    first: Countdown,
    total: u32,
}

struct Countdown {
    n: u32,
}

impl Future for Countdown {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if self.n == 0 {
            return Poll::Ready(10);
        }
        self.n -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

impl Future for Twice {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        let this = Pin::get_mut(self);
        match Pin::new(&mut this.first).poll(cx) {
            Poll::Ready(v) => Poll::Ready(v + this.total),
            Poll::Pending => {
                println!("first counts down in place: n = {}", this.first.n);
                Poll::Pending
            }
        }
    }
}

async fn main() {
    let len = StringLen { inner: Box::pin(async_read_file("foo.txt")) }.await;
    println!("foo.txt has {len} bytes");
    let block = StringLen {
        inner: Box::pin(async {
            let s = async_read_file("bar.txt").await;
            format!("<{s}>")
        }),
    };
    println!("with brackets: {}", block.await);
    let t = Twice { first: Countdown { n: 1 }, total: 5 }.await;
    println!("twice: {t}");
}
