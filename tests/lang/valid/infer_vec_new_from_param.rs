// The vector's element type comes from the parameter it is passed to.
async fn total(xs: Vec<u64>) -> u64 {
    let mut sum = 0;
    for x in xs {
        sum += x;
    }
    sum
}

async fn main() {
    let mut xs = Vec::new();
    xs.push(7);
    xs.push(8);
    let t = total(xs).await;
    println!("{}", t);
}
