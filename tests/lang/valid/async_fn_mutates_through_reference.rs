// An async fn holding a `&mut Vec` across its awaits; the caller uses the vector afterwards.
async fn fill(v: &mut Vec<u32>, n: u32) {
    for i in 0..n {
        yield_now().await;
        v.push(i);
    }
}

async fn main() {
    let mut v: Vec<u32> = Vec::new();
    fill(&mut v, 3).await;
    fill(&mut v, 2).await;
    println!("{}", v.len());
}
