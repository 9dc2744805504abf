// `futures::stream::iter` makes a stream of an iterator's items that never waits: each `next()`
// is Ready at its first poll (one poll per item, and one more for the `None` that ends the loop).
use futures::stream::{self, StreamExt};

async fn main() {
    let mut words = stream::iter(vec!["one", "two"]);
    while let Some(w) = words.next().await {
        println!("{}", w);
    }
    let mut total = 0;
    let mut nums = stream::iter(1..4);
    while let Some(n) = nums.next().await {
        total += n;
    }
    println!("total {}", total);
}
