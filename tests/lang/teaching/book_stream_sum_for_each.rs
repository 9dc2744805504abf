// Modelled on the async book's streams chapter: `sum_with_next` over a pinned `dyn Stream`, and `for_each`.
use futures::stream::{self, Stream, StreamExt};
use std::pin::Pin;

async fn sum_with_next(mut stream: Pin<&mut dyn Stream<Item = i32>>) -> i32 {
    let mut sum = 0;
    while let Some(item) = stream.next().await {
        sum += item;
    }
    sum
}

async fn print_each() {
    let numbers = stream::iter(vec![1, 2, 3]);
    numbers
        .for_each(|n| async move {
            println!("got {}", n);
        })
        .await;
}

async fn main() {
    let mut numbers = stream::iter(vec![1, 2, 3, 4]);
    let pinned = Pin::new(&mut numbers);
    let sum = sum_with_next(pinned).await;
    println!("sum = {}", sum);
    print_each().await;
}
