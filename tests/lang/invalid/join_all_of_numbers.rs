// join_all wants a vector of futures.
use futures::future::join_all;

async fn main() {
    let v = vec![1, 2, 3];
    let outs = join_all(v).await;
}
