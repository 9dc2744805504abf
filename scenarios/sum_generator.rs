// The generator from the talk, written as an async fn: every `yield_now().await` is a place
// where the function stops and saves what it needs to go on later.

async fn sum(xs: Vec<i32>) // @start Unresumed
    -> i32 // @end Returned
{
    let mut sum = 0;
    for x in xs.iter() {
        sum += *x;
        println!("sum = {}", sum);
        yield_now().await; // @state Suspend0
    }
    for x in xs.iter().rev() {
        sum -= *x;
        println!("sum = {}", sum);
        yield_now().await; // @state Suspend1
    }
    sum
}

async fn main() {
    let total = sum(vec![1, 2, 3]).await;
    println!("finished with {}", total);
}
